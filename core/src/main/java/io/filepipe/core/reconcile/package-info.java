/**
 * Nothing stays unfinished forever: the {@link io.filepipe.core.reconcile.Reconciler} finds files
 * stuck in PENDING or PROCESSING (a dead-lettered pipe batch, a crashed or timed-out attempt) and
 * hands them to the workflow again, and reports uploaded objects that have no item.
 */
package io.filepipe.core.reconcile;
