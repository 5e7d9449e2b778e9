import { PrintTokens } from '@atelier/common/print-tokens';
import type { PrintMaker } from '../services/print.service';

const MAX_PRINT_BYTES = 200 * 1024 * 1024;

/**
 * inference-service's prints over HTTP: POST /api/inference/prints with a token signed under the secret both
 * services share (common/print-tokens.ts), then GET …/output.png, which answers when the job has finished.
 */
export class HttpPrintMaker implements PrintMaker {
  private readonly tokens: PrintTokens;

  constructor(
    private readonly baseUrl: string,
    secret: string,
    /** The upscale task's timeout on inference-service, and some. */
    private readonly timeoutMs = 6 * 60_000,
  ) {
    this.tokens = new PrintTokens(secret);
  }

  async make(request: { printId: string; creationId: string; longSide: number; model: string }): Promise<Buffer> {
    const headers = this.tokens.header(request.printId, this.timeoutMs + 60_000);
    const post = await fetch(`${this.baseUrl}/api/inference/prints`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(10_000),
    });
    if (post.status !== 202) throw new Error(`inference-service answered ${post.status} to a print: ${(await post.text()).slice(0, 200)}`);
    const res = await fetch(`${this.baseUrl}/api/inference/prints/${request.printId}/output.png`, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`inference-service answered ${res.status} for print ${request.printId}: ${(await res.text()).slice(0, 200)}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_PRINT_BYTES) throw new Error(`print ${request.printId} is larger than ${MAX_PRINT_BYTES} bytes`);
    return bytes;
  }
}
