// Preloaded into the Agents Playground, which has no host flag: every server it starts
// listens on 127.0.0.1 only, never on all interfaces.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] !== 'string')) args.splice(1, 0, '127.0.0.1');
  else if (args[0] && typeof args[0] === 'object' && !('path' in args[0])) args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
