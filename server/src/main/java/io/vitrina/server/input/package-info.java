/**
 * Reading what a request sends, reporting every problem at once with its place: {@link
 * io.vitrina.server.input.JsonFields} for JSON bodies (a field path such as {@code rules[1].bias}),
 * {@link io.vitrina.server.input.QueryParams} for query parameters. Both remember what they were
 * asked for, so that a name the endpoint does not know is refused with the nearest known one
 * ({@code lmit}: did you mean {@code limit}?). Problems are thrown as an {@link
 * io.vitrina.server.input.InvalidInputException} ({@code invalid_input}) or, for parameters, an
 * {@link io.vitrina.server.input.InvalidQueryException} ({@code invalid_parameter}).
 */
package io.vitrina.server.input;
