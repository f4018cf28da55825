import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { secretHash } from '../accounts/credentials';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The bootstrap bearer token: an admin API token from `BOARD_ADMIN_TOKEN`, or generated once
 * and kept in the data directory (mode 0600) so it survives restarts. A revoked one is never
 * regenerated behind the operator's back: the file stays until they delete it.
 */
@Injectable()
export class AdminTokenService {
  /** How the token is stored: as the bootstrap API token's hash. */
  readonly hash: string;
  /** Set when this start generated the token, so `main` can print it once for the operator. */
  readonly generatedToken: string | null = null;
  /** Where the token is kept when it was generated. */
  readonly tokenFile: string;
  /** Where this start's token came from, to tell the operator how to rotate it. */
  readonly source: 'environment' | 'file';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.tokenFile = join(config.dataDir, 'admin-token');
    let token = config.adminToken;
    this.source = token === null ? 'file' : 'environment';
    if (token === null) {
      if (existsSync(this.tokenFile)) {
        token = readFileSync(this.tokenFile, 'utf8').trim();
      } else {
        token = randomBytes(24).toString('base64url');
        mkdirSync(config.dataDir, { recursive: true });
        writeFileSync(this.tokenFile, `${token}\n`, { mode: 0o600 });
        this.generatedToken = token;
      }
    }
    this.hash = secretHash(token);
  }
}
