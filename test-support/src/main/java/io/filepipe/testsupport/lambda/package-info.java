/** The Lambda runtime interface client without Lambda: a fake Runtime API and the client's native library. */
package io.filepipe.testsupport.lambda;
