import { type Req, type Res, sendJson } from '../http';
import type { SandboxState } from '../state';

export async function handleGraphql(_state: SandboxState, _req: Req, res: Res): Promise<void> {
  sendJson(res, 501, { message: 'GraphQL is not ready yet' });
}
