/**
 * Entry point run inside the sandbox: `tsx connect-proxy.main.ts <address> <port> <denied,names>`.
 * See `connect-proxy.ts`.
 */
import { startConnectProxy } from './connect-proxy';

const [host = '127.0.0.1', port = '3128', deny = ''] = process.argv.slice(2);
startConnectProxy(host, Number(port), deny.split(',').filter(Boolean));
