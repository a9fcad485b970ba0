/**
 * What the tests of every module share (like javalin-testtools): fixtures on the embedded backends
 * and moto ({@link io.filepipe.testsupport.SharedBackends}, {@link io.filepipe.testsupport.MotoServer}),
 * one client factory ({@link io.filepipe.testsupport.LocalClients}), one way to wait for an event
 * ({@link io.filepipe.testsupport.Await}), one HTTP helper ({@link io.filepipe.testsupport.Http}),
 * in-memory adapters of core's ports and the contract suites every adapter passes, one Dockerfile
 * reader and one fake Lambda Runtime API. A test dependency, and the bench's (a harness, never
 * shipped); nothing in a shipped artifact uses it.
 */
package io.filepipe.testsupport;
