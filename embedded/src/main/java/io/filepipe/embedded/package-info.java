/**
 * Real backends that run inside the JVM on loopback and an ephemeral port: DynamoDB Local (with
 * streams), an S3-compatible server (S3Proxy) and a token issuer with a JWKS endpoint. The local
 * stack runs them for users; the integration tests run the very same classes.
 */
package io.filepipe.embedded;
