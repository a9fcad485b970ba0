package io.filepipe.api.http;

import io.filepipe.api.files.FileService;
import io.filepipe.api.shares.ShareVariant;
import io.filepipe.core.UserId;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;

/** {@code /files}: list, read, download (the original or its thumbnail) and delete the caller's own files through {@link FileService}. */
final class FileRoutes implements Router.Routes {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final Authentication auth;
    private final FileService files;
    private final Duration downloadUrlTtl;

    FileRoutes(Authentication auth, FileService files, Duration downloadUrlTtl) {
        this.auth = auth;
        this.files = files;
        this.downloadUrlTtl = downloadUrlTtl;
    }

    @Override
    public void addTo(Router router) {
        router.get("/files", this::list);
        router.get("/files/{id}", this::get);
        router.get("/files/{id}/content", this::download);
        router.delete("/files/{id}", this::delete);
    }

    private void list(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        int limit = pageLimit(ctx.queryParam("limit"));
        ctx.json(Views.FileList.of(files.list(owner, limit, ctx.queryParam("cursor"))));
    }

    private void get(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        ctx.json(Views.FileView.of(files.get(owner, ctx.pathParam("id"))));
    }

    private void download(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        String id = ctx.pathParam("id");
        URI url = switch (variant(ctx.queryParam("variant"))) {
            case ORIGINAL -> files.downloadUrl(owner, id);
            case THUMB -> files.thumbnailUrl(owner, id);
        };
        Views.DownloadView view = new Views.DownloadView(url.toString(), downloadUrlTtl.toSeconds());
        ctx.header("Cache-Control", "no-store");
        // a script cannot read a redirect's body (fetch follows it, or hides it): it asks for the JSON alone
        if (acceptsOnlyJson(ctx.header("Accept"))) {
            ctx.json(view);
        } else {
            ctx.status(302).header("Location", url.toString()).json(view);
        }
    }

    private void delete(Context ctx) {
        UserId owner = auth.caller(ctx).userId();
        files.delete(owner, ctx.pathParam("id"));
        ctx.status(204);
    }

    private static boolean acceptsOnlyJson(String accept) {
        return accept != null && accept.strip().equalsIgnoreCase("application/json");
    }

    /** {@code ?variant=thumb}: the 512 px thumbnail; absent: the original. */
    static ShareVariant variant(String raw) {
        if (raw == null) {
            return ShareVariant.ORIGINAL;
        }
        if (raw.equals("thumb")) {
            return ShareVariant.THUMB;
        }
        throw new ApiException(ProblemType.INVALID_PARAMETER, "variant must be thumb, or absent for the original");
    }

    private static int pageLimit(String raw) {
        if (raw == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw new ApiException(ProblemType.INVALID_PARAMETER, "limit must be a whole number from 1 to " + MAX_PAGE);
    }
}
