/**
 * The metadata port ({@link io.filepipe.core.store.FileStore}) and its DynamoDB adapter, with the
 * table schema defined once in {@link io.filepipe.core.store.FileTable}.
 */
package io.filepipe.core.store;
