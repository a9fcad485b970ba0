package io.filepipe.infra;

import com.pulumi.aws.cognito.UserPool;
import com.pulumi.aws.cognito.UserPoolArgs;
import com.pulumi.aws.cognito.UserPoolClient;
import com.pulumi.aws.cognito.UserPoolClientArgs;
import com.pulumi.aws.cognito.UserPoolDomain;
import com.pulumi.aws.cognito.UserPoolDomainArgs;
import com.pulumi.aws.cognito.inputs.UserPoolAdminCreateUserConfigArgs;
import com.pulumi.aws.cognito.inputs.UserPoolPasswordPolicyArgs;
import com.pulumi.aws.cognito.inputs.UserPoolClientTokenValidityUnitsArgs;
import com.pulumi.core.Output;
import java.util.List;

/**
 * Who may call the API: a Cognito user pool whose users an administrator creates, its domain (the
 * hosted sign-in pages), and one public app client (no secret) that hands out the IdTokens the API
 * checks: to the web app through the domain (authorization code with PKCE, back to the app's URL),
 * and to programs that sign in with SRP.
 */
public record Auth(UserPool pool, UserPoolClient client, UserPoolDomain domain, Output<String> signInUrl) {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int ID_TOKEN_MINUTES = 60;
    /**
     * Users sign in with SRP (the password never leaves their device), administrators' scripts with
     * the password through admin-initiate-auth (which needs AWS credentials), and tokens refresh.
     * Plain USER_PASSWORD_AUTH, which sends the password itself to Cognito, is not offered.
     */
    static final List<String> AUTH_FLOWS = List.of("ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH");
    /**
     * The web app signs in with the authorization code (with PKCE: the page sends an S256 challenge,
     * and a public client has no secret to prove itself otherwise); the implicit flow, which would
     * hand tokens over in the URL, is not allowed.
     */
    static final List<String> OAUTH_FLOWS = List.of("code");
    static final List<String> OAUTH_SCOPES = List.of("openid", "email", "profile");

    /**
     * @param appUrls the web app's URLs ({@code https://host/}): the only places the hosted pages send a
     *                user back to after signing in or out
     */
    public static Auth create(StackConfig config, Output<List<String>> appUrls, Output<AwsAccount> account) {
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
                .allowedOauthFlowsUserPoolClient(true)
                .allowedOauthFlows(OAUTH_FLOWS)
                .allowedOauthScopes(OAUTH_SCOPES)
                .supportedIdentityProviders("COGNITO")
                .callbackUrls(appUrls)
                .logoutUrls(appUrls)
                .build());
        // a domain prefix is unique in its region across all accounts: the account id makes it so
        Output<String> prefix = account.applyValue(a -> config.name("login") + "-" + a.accountId());
        UserPoolDomain domain = new UserPoolDomain(config.name("login"), UserPoolDomainArgs.builder()
                .userPoolId(pool.id())
                .domain(prefix)
                // the classic hosted UI: managed login (version 2) needs a branding resource this provider lacks
                .managedLoginVersion(1)
                .build());
        Output<String> signInUrl = Output.tuple(domain.domain(), account)
                .applyValue(t -> signInUrl(t.t1, t.t2.region()));
        return new Auth(pool, client, domain, signInUrl);
    }

    /** Where a Cognito domain with this prefix serves {@code /oauth2/authorize}, {@code /oauth2/token} and {@code /logout}. */
    static String signInUrl(String prefix, String region) {
        return "https://" + prefix + ".auth." + region + ".amazoncognito.com";
    }

    /** The {@code iss} of the pool's tokens; its keys are at {@code <issuer>/.well-known/jwks.json}. */
    public Output<String> issuer() {
        return pool.endpoint().applyValue(endpoint -> "https://" + endpoint);
    }
}
