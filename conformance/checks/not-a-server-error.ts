/** not_a_server_error: no answer is a 5xx (and every request gets an answer). */
import { failed, held, snippet, type ResponseCheck } from './outcome.js';

/** Fails on any 5xx status. */
export const notAServerError: ResponseCheck = (_op, response) =>
  response.status < 500 ? held('not_a_server_error') : failed('not_a_server_error', `the server answered ${response.status}${response.text ? `: ${snippet(response.text)}` : ''}`);
