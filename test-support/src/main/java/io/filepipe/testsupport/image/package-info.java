/** The container images' Dockerfiles read as data, so tests and the bench run the images' commands without Docker. */
package io.filepipe.testsupport.image;
