/**
 * What the tests of every module share (like javalin-testtools): fixtures on the embedded backends,
 * in-memory adapters of core's ports and the contract suites every adapter passes, one way to wait
 * for an event, one HTTP helper. A test dependency only; nothing in a shipped artifact uses it.
 */
package io.filepipe.testsupport;
