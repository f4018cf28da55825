import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { AccountsService } from './accounts/accounts.service';
import { AdminTokenService } from './auth/admin-token.service';
import { ConfigError, loadConfig } from './config/app-config';

type ListenWithBacklog = (port: number, host: string, backlog: number) => Promise<unknown>;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  // Nest hands these to Node's server.listen(port, host, backlog) (its types stop at the host); Linux caps the
  // backlog at net.core.somaxconn.
  await (app.listen as unknown as ListenWithBacklog).call(app, config.port, config.host, config.listenBacklog);
  const logger = new Logger('Headway');
  const url = `http://localhost:${config.port}`;
  logger.log(`Serving ${url}  (data in ${config.dataDir}, simulator ${config.simulator ? 'on' : 'off'})`);
  const tokens = app.get(AdminTokenService);
  if (tokens.generatedToken) {
    // Printed once, on the start that generated it; later starts point at the file instead.
    process.stdout.write(`\n  Admin token for writes (kept in ${tokens.tokenFile}):\n\n    ${tokens.generatedToken}\n\n`);
  }
  const accounts = app.get(AccountsService);
  const admin = accounts.generatedAdmin;
  if (admin) {
    process.stdout.write(
      `  Console sign-in at ${url}/admin: user "${admin.username}", password (shown once):\n\n    ${admin.password}\n\n`,
    );
  }
  if (!tokens.generatedToken && !config.adminToken && !accounts.bootstrapTokenRevoked) {
    logger.log(`Admin token for writes is in ${tokens.tokenFile}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
