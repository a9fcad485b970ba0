package io.filepipe.infra.iam;

import io.filepipe.infra.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An identity policy: the statements of one principal, rendered as IAM's JSON. */
public record PolicyDocument(List<Statement> statements) {

    static final String VERSION = "2012-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a policy needs a statement");
        }
        long sids = statements.stream().map(Statement::sid).distinct().count();
        if (sids != statements.size()) {
            throw new IllegalArgumentException("Sids repeat in " + statements);
        }
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Version", VERSION);
        json.put("Statement", statements.stream().map(Statement::toJsonMap).toList());
        return Json.write(json);
    }
}
