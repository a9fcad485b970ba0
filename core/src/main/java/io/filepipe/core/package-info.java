/**
 * The filepipe domain: identifiers, file records and their status machine, the single-table key
 * scheme, and the errors the domain raises. Everything here is free of I/O; the adapters live in
 * {@code io.filepipe.core.store} (DynamoDB) and {@code io.filepipe.core.blob} (S3).
 */
package io.filepipe.core;
