// Loaded into Prism's process by startPrism (node --require): the HTTP servers it creates keep idle
// kept-alive connections open. Node's 5 s idle timer otherwise races a client's next request: when a
// busy machine stalls Prism, the timer fires late and closes a socket that already holds a request,
// and the client reads ECONNRESET, a failure of the machine's timing, not of the contract.
'use strict';
const http = require('node:http');

const { listen } = http.Server.prototype;
http.Server.prototype.listen = function keepIdleConnections(...args) {
  // 0: no idle timeout (Node's documented value); a client that leaves closes its end.
  this.keepAliveTimeout = 0;
  return listen.apply(this, args);
};
