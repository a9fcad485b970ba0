package io.filepipe.api.shares;

/** What a download (the owner's or a share link's) opens: the original bytes, or the largest thumbnail processing made. */
public enum ShareVariant {
    ORIGINAL,
    /** The 512 px thumbnail ({@code thumb-512.*} under the file's derived prefix). */
    THUMB
}
