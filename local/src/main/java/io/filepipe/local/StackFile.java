package io.filepipe.local;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code <data-dir>/stack.json}: every endpoint of the stack {@code up} runs in a data directory,
 * written when it has started and removed when it stops, so that other tools (the {@code token},
 * {@code demo} and {@code reconcile} commands, the bench, a script with {@code jq}) can reach it.
 * Its JSON fields are the components' names.
 *
 * @param api       the upload API
 * @param streamArn the table's stream, which the stack's pipe reads
 * @param dynamodb  DynamoDB Local's endpoint
 * @param s3        the S3 server's endpoint
 * @param issuer    the token issuer, as tokens name it in {@code iss}: the same for every run on the
 *                  data directory, so tokens outlive a restart
 * @param jwks      where the issuer's public keys are served
 * @param token     where a token for the user {@code dev} is handed out
 * @param clientId  the audience of the issued tokens
 * @param pid       the process running the stack
 */
public record StackFile(URI api, String region, String table, String bucket, String streamArn, URI dynamodb, URI s3,
                        String issuer, URI jwks, URI token, String clientId, String accessKeyId, String secretAccessKey,
                        boolean inMemory, long pid) {

    static final String NAME = "stack.json";
    private static final String START = "start one with `java -jar local/target/filepipe-local.jar up`";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            // a newer stack may name more than this reader needs
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Where a stack running in {@code dataDir} describes itself. */
    public static Path path(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /**
     * The stack running in {@code dataDir}.
     *
     * @throws NoStackRunning when there is no stack file, or one this reader cannot make sense of
     */
    public static StackFile read(Path dataDir) {
        Path file = path(dataDir);
        try {
            return JSON.readValue(Files.readAllBytes(file), StackFile.class);
        } catch (NoSuchFileException e) {
            throw new NoStackRunning("no stack running in " + dataDir + ": " + START);
        } catch (JacksonException e) {
            throw new NoStackRunning("no stack running in " + dataDir + ": " + file + " is not a stack file ("
                    + e.getOriginalMessage() + "); " + START);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes this file into {@code dataDir} at once, readable by its owner only: a reader never sees half of it. */
    public void write(Path dataDir) {
        try {
            PrivateFiles.replace(path(dataDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + path(dataDir), e);
        }
    }

    /** Where the stack hands out a token for another user than {@code dev}. */
    public URI tokenUrl(String user) {
        return URI.create(token.getScheme() + "://" + token.getRawAuthority() + token.getRawPath() + "?user=" + user);
    }

    /** Clients on the stack's own DynamoDB and S3, with its keys. */
    public AwsClients clients() {
        return new AwsClients(aws(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    public AwsSettings aws() {
        return AwsSettings.forEndpoints(region, s3, dynamodb);
    }

    /** No stack runs in a data directory, or its stack file cannot be read; the message says how to start one. */
    public static final class NoStackRunning extends RuntimeException {
        NoStackRunning(String message) {
            super(message, null, false, false);
        }
    }
}
