/**
 * Audiences over HTTP: a shopper's affinities, look-alikes of seed shoppers and audiences by taste
 * (admin endpoints), and the job that keeps the profile index up to date.
 */
package io.vitrina.server.audiences;
