package io.filepipe.api.http;

import io.filepipe.api.auth.Caller;
import io.filepipe.api.upload.UploadReceipt;
import io.filepipe.api.upload.UploadRequestParser;
import io.filepipe.api.upload.UploadService;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code POST /upload}: the HTTP side of an upload (media type, Idempotency-Key, status); the rest is {@link UploadService}'s. */
final class UploadRoutes implements Router.Routes {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Authentication auth;
    private final UploadRequestParser parser;
    private final UploadService uploads;

    UploadRoutes(Authentication auth, UploadRequestParser parser, UploadService uploads) {
        this.auth = auth;
        this.parser = parser;
        this.uploads = uploads;
    }

    @Override
    public void addTo(Router router) {
        router.post("/upload", this::upload);
    }

    private void upload(Context ctx) {
        Caller caller = auth.caller(ctx);
        requireJson(ctx);
        String key = idempotencyKey(ctx);
        long declared = ctx.req().getContentLengthLong();
        parser.refuseDeclaredLengthOverLimit(declared); // before the body is opened, which says "100 Continue"
        answer(ctx, uploads.upload(caller.userId(), parser.parse(ctx.bodyInputStream(), declared), key));
    }

    /** The answer to an accepted upload, by either path: 201, or 200 with Idempotent-Replayed for a replay. */
    static void answer(Context ctx, UploadReceipt receipt) {
        ctx.status(receipt.replayed() ? 200 : 201)
                .header("Location", Views.location(receipt.fileId().value()))
                .json(Views.UploadResponse.of(receipt));
        if (receipt.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
    }

    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return; // like API Gateway, a body without a declared type is read as JSON
        }
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json (with curl: -H 'Content-Type: application/json')");
        }
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.INVALID_PARAMETER,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
