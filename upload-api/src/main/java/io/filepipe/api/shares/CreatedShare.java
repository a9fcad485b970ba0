package io.filepipe.api.shares;

import io.filepipe.core.ShareId;
import io.filepipe.core.ShareLink;

/** A new link and its id: the only moment the id is known, as the table keeps its hash. */
public record CreatedShare(ShareId id, ShareLink link) {
}
