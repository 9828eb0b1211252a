// A loopback port for a test to own or to find refused. Ports are taken below the kernel's ephemeral
// range, which `listen(0)` never hands out: a sandbox started by a test running beside this one
// cannot land on the port between its choice and its use. A port found by `listen(0)` + `close()`
// was, once, taken by such a sandbox, which then answered a run meant to find the API unreachable.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** A loopback port below the ephemeral range that refuses connections now. */
export async function unusedLoopbackPort(): Promise<number> {
  const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  // Well above the ports services are set to, and still below the range if a machine moved it down.
  const lowest = Math.max(1_024, Math.min(20_000, ephemeralStart - 2_000));
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = lowest + Math.floor(Math.random() * (ephemeralStart - lowest));
    if (await refuses(port)) return port;
  }
  throw new Error('no refused loopback port found below the ephemeral range in 50 tries');
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
