package io.filepipe.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.shares.CreatedShare;
import io.filepipe.api.shares.ShareService;
import io.filepipe.core.ShareId;
import io.filepipe.core.UserId;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * Share links through {@link ShareService}: the owner's {@code /files/{id}/shares} (authenticated
 * like every route) and the public {@code GET /s/{share_id}}, the one route besides
 * {@code /health} that never asks for a token: it does not call {@link Authentication}, and on
 * AWS its route has no authorizer.
 */
final class ShareRoutes implements Router.Routes {

    /** Far more than {@code {"expires_in_seconds": 604800}} needs. */
    private static final int MAX_BODY_BYTES = 1024;

    private final Authentication auth;
    private final ShareService shares;

    ShareRoutes(Authentication auth, ShareService shares) {
        this.auth = auth;
        this.shares = shares;
    }

    @Override
    public void addTo(Router router) {
        router.post("/files/{id}/shares", this::create);
        router.get("/files/{id}/shares", this::list);
        router.delete("/files/{id}/shares/{share}", this::revoke);
        router.get("/s/{share_id}", this::open);
    }

    private void create(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        Duration lifetime = lifetime(ctx);
        CreatedShare created = shares.create(owner, ctx.pathParam("id"), lifetime);
        String url = publicBase(ctx) + "/s/" + created.id().value();
        ctx.status(201).header("Location", url).header("Cache-Control", "no-store")
                .json(new Views.ShareCreated(created.id().value(), url, created.link().expiresAt()));
    }

    private void list(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        ctx.json(Views.ShareList.of(shares.live(owner, ctx.pathParam("id"))));
    }

    private void revoke(Context ctx) {
        String share = ctx.pathParam("share");
        RequestState.loggedPath(ctx, "/files/" + ctx.pathParam("id") + "/shares/" + shareRef(share));
        UserId owner = auth.caller(ctx).userId();
        shares.revoke(owner, ctx.pathParam("id"), share);
        ctx.status(204);
    }

    private void open(Context ctx) {
        String shareId = ctx.pathParam("share_id");
        RequestState.loggedPath(ctx, "/s/" + shareRef(shareId));
        URI url = shares.open(shareId, FileRoutes.variant(ctx.queryParam("variant")));
        // the link's id is in this request's URL: keep it out of caches and of the next site's Referer
        ctx.status(302).header("Location", url.toString()).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    /**
     * A share id as the logs may show it: its hash, the {@code share_ref} its owner sees in the
     * listing (a path that names a reference already, or nothing valid, stays as it is).
     */
    private static String shareRef(String share) {
        return ShareId.parse(share).map(ShareId::hash).orElse(share);
    }

    private static ApiException tooLarge() {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the body of a share request is at most "
                + MAX_BODY_BYTES + " bytes");
    }

    /** The optional body's {@code expires_in_seconds}; no body at all means the default. */
    private static Duration lifetime(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) { // refused before "100 Continue" invites it
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length == 0) {
            return ShareService.DEFAULT_LIFETIME;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        UploadRoutes.requireJson(ctx);
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "the body is not a JSON object");
        }
        if (json == null || !json.isObject()) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "the body is not a JSON object");
        }
        JsonNode seconds = json.get("expires_in_seconds");
        if (seconds == null) {
            return ShareService.DEFAULT_LIFETIME;
        }
        long min = ShareService.MIN_LIFETIME.toSeconds();
        long max = ShareService.MAX_LIFETIME.toSeconds();
        if (!seconds.isIntegralNumber() || !seconds.canConvertToLong()
                || seconds.asLong() < min || seconds.asLong() > max) {
            throw new ApiException(ProblemType.INVALID_FIELD,
                    "expires_in_seconds must be a whole number from " + min + " to " + max);
        }
        return Duration.ofSeconds(seconds.asLong());
    }

    /**
     * Where clients reached this API: the {@code Host} they asked for, over the scheme the edge
     * reports (API Gateway and Lambda Web Adapter forward plain HTTP with {@code X-Forwarded-Proto}).
     */
    private static String publicBase(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        String scheme = "https".equals(forwarded) || "http".equals(forwarded) ? forwarded : ctx.scheme();
        return scheme + "://" + ctx.host();
    }
}
