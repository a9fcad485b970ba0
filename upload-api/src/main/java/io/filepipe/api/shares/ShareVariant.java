package io.filepipe.api.shares;

/** What a share link opens: the original bytes, or the largest thumbnail processing made. */
public enum ShareVariant {
    ORIGINAL,
    /** The 512 px thumbnail ({@code thumb-512.*} under the file's derived prefix). */
    THUMB
}
