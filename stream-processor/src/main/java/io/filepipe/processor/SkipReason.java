package io.filepipe.processor;

/** Why an invocation left a file alone. None of them is an error: each is a normal at-least-once event. */
public enum SkipReason {
    /** The file is terminal already, or another attempt holds a live claim: a redelivery or a race. */
    DUPLICATE,
    /** There is no item for the key: the file was deleted before processing reached it. */
    ITEM_MISSING,
    /**
     * This attempt finished after its claim was taken over (lease expired) or after the item was
     * deleted; its outcome was discarded.
     */
    CLAIM_LOST
}
