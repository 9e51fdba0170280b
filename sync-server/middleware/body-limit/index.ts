/** Request body size limit (hono bodyLimit) answering 413 in Ward's error format. */
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../../errors';

/** Rejects bodies over `maxBytes` with 413 before they are parsed. Mount only on routes that take a body. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is never read, so this connection cannot carry another request:
      // say so, or a keep-alive client would send its next request into a closing socket.
      c.header('Connection', 'close');
      return c.json(
        errorBody(
          'payload-too-large',
          `The request body is larger than ${maxBytes} bytes; send less per request.`,
        ),
        413,
      );
    },
  });
}
