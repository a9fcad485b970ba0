/**
 * Details of core's adapters that other modules must not build on: the classification of SDK
 * failures behind {@link io.filepipe.core.StorageUnavailable}. Public only because both adapter
 * packages (and the emulators' AWS-facing edge) share it.
 */
package io.filepipe.core.internal;
