package io.filepipe.infra.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final String BUCKET = "arn:aws:s3:::files";

    @Test
    void refusesActionsWithWildcards() {
        for (String action : List.of("s3:*", "s3:Get*", "*")) {
            var refused = assertThrows(IllegalArgumentException.class,
                    () -> Statement.allow("Read", List.of(action), BUCKET + "/*"));
            assertTrue(refused.getMessage().contains(action), refused.getMessage());
        }
    }

    @Test
    void refusesAnyResourceForActionsThatCanNameOne() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Statement.allow("Tracing", List.of("xray:PutTraceSegments", "s3:GetObject"), Statement.ANY_RESOURCE));
        assertTrue(refused.getMessage().contains("[s3:GetObject]"), refused.getMessage());
    }

    @Test
    void allowsAnyResourceForTheDocumentedUnscopedActions() {
        Statement tracing = Statement.allow("Tracing", List.copyOf(UnscopedActions.REASONS.keySet()), Statement.ANY_RESOURCE);

        assertEquals(List.of("*"), tracing.resources());
    }

    @Test
    void rendersIamJsonWithConditions() throws Exception {
        String json = PolicyDocument.of(Statement.allow("ListDerived", List.of("s3:ListBucket"), BUCKET)
                .when("StringLike", "s3:prefix", List.of("derived/*"))).toJson();

        assertEquals(new ObjectMapper().readTree("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "ListDerived", "Effect": "Allow",
                  "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::files",
                  "Condition": {"StringLike": {"s3:prefix": ["derived/*"]}}}]}
                """), new ObjectMapper().readTree(json));
    }

    @Test
    void rendersTheSameDocumentIdenticallyEveryTime() {
        Statement statement = Statement.allow("Write", List.of("s3:PutObject"), BUCKET + "/a/*", BUCKET + "/b/*")
                .when("StringEquals", "s3:x-amz-server-side-encryption", "AES256")
                .when("Bool", "aws:SecureTransport", "true");

        assertEquals(PolicyDocument.of(statement).toJson(), PolicyDocument.of(statement).toJson());
        assertTrue(PolicyDocument.of(statement).toJson().indexOf("Bool") < PolicyDocument.of(statement).toJson()
                .indexOf("StringEquals"), "keys in a fixed order, so Pulumi sees no change between runs");
    }

    @Test
    void refusesRepeatedStatementNames() {
        Statement read = Statement.allow("Objects", List.of("s3:GetObject"), BUCKET + "/*");
        Statement write = Statement.allow("Objects", List.of("s3:PutObject"), BUCKET + "/*");

        assertThrows(IllegalArgumentException.class, () -> PolicyDocument.of(read, write));
    }
}
