import { type Req, type Res, sendJson } from '../http';
import type { SandboxState } from '../state';

export async function handleAuthorize(_state: SandboxState, _req: Req, res: Res, _url: URL): Promise<void> {
  sendJson(res, 501, { message: 'Not ready yet' });
}
