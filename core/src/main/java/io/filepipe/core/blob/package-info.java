/** The object storage port ({@link io.filepipe.core.blob.BlobStore}) and its S3 adapter. */
package io.filepipe.core.blob;
