package io.filepipe.infra;

import com.pulumi.aws.cognito.UserPool;
import com.pulumi.aws.cognito.UserPoolArgs;
import com.pulumi.aws.cognito.UserPoolClient;
import com.pulumi.aws.cognito.UserPoolClientArgs;
import com.pulumi.aws.cognito.inputs.UserPoolAdminCreateUserConfigArgs;
import com.pulumi.aws.cognito.inputs.UserPoolPasswordPolicyArgs;
import com.pulumi.aws.cognito.inputs.UserPoolClientTokenValidityUnitsArgs;
import com.pulumi.core.Output;
import java.util.List;

/**
 * Who may call the API: a Cognito user pool whose users an administrator creates, and one public
 * app client (no secret) that signs users in (SRP) and hands out the IdTokens the API checks.
 */
public record Auth(UserPool pool, UserPoolClient client) {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int ID_TOKEN_MINUTES = 60;
    /**
     * Users sign in with SRP (the password never leaves their device), administrators' scripts with
     * the password through admin-initiate-auth (which needs AWS credentials), and tokens refresh.
     * Plain USER_PASSWORD_AUTH, which sends the password itself to Cognito, is not offered.
     */
    static final List<String> AUTH_FLOWS = List.of("ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH");

    public static Auth create(StackConfig config) {
        UserPool pool = new UserPool(config.name("users"), UserPoolArgs.builder()
                .adminCreateUserConfig(UserPoolAdminCreateUserConfigArgs.builder().allowAdminCreateUserOnly(true).build())
                .passwordPolicy(UserPoolPasswordPolicyArgs.builder()
                        .minimumLength(MIN_PASSWORD_LENGTH)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireNumbers(true)
                        .requireSymbols(true)
                        .temporaryPasswordValidityDays(7)
                        .build())
                .deletionProtection(config.protectData() ? "ACTIVE" : "INACTIVE")
                // password sign-in is all filepipe uses: the cheapest tier has it
                .userPoolTier("LITE")
                .build());
        UserPoolClient client = new UserPoolClient(config.name("cli"), UserPoolClientArgs.builder()
                .userPoolId(pool.id())
                .explicitAuthFlows(AUTH_FLOWS)
                .generateSecret(false)
                .preventUserExistenceErrors("ENABLED")
                .idTokenValidity(ID_TOKEN_MINUTES)
                .accessTokenValidity(ID_TOKEN_MINUTES)
                .tokenValidityUnits(UserPoolClientTokenValidityUnitsArgs.builder()
                        .idToken("minutes")
                        .accessToken("minutes")
                        .refreshToken("days")
                        .build())
                .build());
        return new Auth(pool, client);
    }

    /** The {@code iss} of the pool's tokens; its keys are at {@code <issuer>/.well-known/jwks.json}. */
    public Output<String> issuer() {
        return pool.endpoint().applyValue(endpoint -> "https://" + endpoint);
    }
}
