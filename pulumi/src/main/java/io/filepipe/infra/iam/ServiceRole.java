package io.filepipe.infra.iam;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;

/**
 * The role of one principal (a function, the pipe, the state machine) with its one inline policy.
 * Resources that are checked against the role when they are created depend on {@link #policy()}.
 */
public record ServiceRole(Role role, RolePolicy policy) {

    public static ServiceRole create(String name, String description, Output<TrustPolicy> trust,
                                     Output<PolicyDocument> permissions) {
        Role role = new Role(name, RoleArgs.builder()
                .description(description)
                .assumeRolePolicy(trust.applyValue(TrustPolicy::toJson))
                .build());
        RolePolicy policy = new RolePolicy(name, RolePolicyArgs.builder()
                .role(role.id())
                .policy(permissions.applyValue(PolicyDocument::toJson))
                .build());
        return new ServiceRole(role, policy);
    }

    public Output<String> arn() {
        return role.arn();
    }
}
