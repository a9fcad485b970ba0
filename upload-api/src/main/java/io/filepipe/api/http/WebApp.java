package io.filepipe.api.http;

import java.net.URI;
import java.util.function.Supplier;

/**
 * What the web app served under {@code /} needs to know of its deployment.
 *
 * @param signInUrl     the base URL of the Cognito domain (or the local issuer) it signs users in at,
 *                      or null where none is configured
 * @param clientId      the app client it signs in as: the API's audience
 * @param storageOrigin the origin presigned S3 URLs point at, which the page sends parts to and
 *                      shows thumbnails from (its CSP allows exactly this origin); asked for when the
 *                      page is first served, so that a start serving only the API does not pay for it
 */
public record WebApp(URI signInUrl, String clientId, Supplier<URI> storageOrigin) {

    /** {@code scheme://host[:port]} of {@code url}. */
    public static URI originOf(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
