package io.filepipe.api.http;

import io.filepipe.api.upload.LargeUploadRequestParser;
import io.filepipe.api.upload.LargeUploadService;
import io.filepipe.api.upload.UploadReceipt;
import io.filepipe.api.upload.UploadTicket;
import io.filepipe.core.UserId;
import io.javalin.http.Context;

/**
 * {@code /uploads}: large files sent straight to the bucket with presigned PUTs. Start, resume,
 * complete and abort through {@link LargeUploadService}; the bytes never pass through here.
 */
final class UploadSessionRoutes implements Router.Routes {

    private final Authentication auth;
    private final LargeUploadRequestParser parser;
    private final LargeUploadService uploads;

    UploadSessionRoutes(Authentication auth, LargeUploadRequestParser parser, LargeUploadService uploads) {
        this.auth = auth;
        this.parser = parser;
        this.uploads = uploads;
    }

    @Override
    public void addTo(Router router) {
        router.post("/uploads", this::start);
        router.get("/uploads/{id}", this::status);
        router.post("/uploads/{id}/complete", this::complete);
        router.delete("/uploads/{id}", this::abort);
    }

    private void start(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        UploadRoutes.requireJson(ctx);
        parser.refuseDeclaredLengthOverLimit(ctx.req().getContentLengthLong()); // before "100 Continue"
        UploadTicket ticket = uploads.start(owner, parser.start(ctx.bodyInputStream()));
        ctx.status(201).header("Location", "/uploads/" + ticket.session().uploadId())
                .json(Views.UploadTicketView.started(ticket));
    }

    private void status(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        ctx.header("Cache-Control", "no-store").json(Views.UploadTicketView.status(uploads.status(owner, ctx.pathParam("id"))));
    }

    private void complete(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        UploadRoutes.requireJson(ctx);
        parser.refuseDeclaredLengthOverLimit(ctx.req().getContentLengthLong()); // before "100 Continue"
        UploadReceipt receipt = uploads.complete(owner, ctx.pathParam("id"), parser.parts(ctx.bodyInputStream()));
        UploadRoutes.answer(ctx, receipt);
    }

    private void abort(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        uploads.abort(owner, ctx.pathParam("id"));
        ctx.status(204);
    }
}
