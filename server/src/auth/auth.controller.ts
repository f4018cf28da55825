import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SessionInfo, SessionState } from '#shared/auth';
import { ApiErrorResponse } from '../openapi/api-docs.decorators';
import { Access } from './access.decorator';
import { readCookie, SESSION_COOKIE } from './cookies';
import { LoginDto } from './dto/login.dto';
import { SessionService } from './session.service';
import { SignInAttempts } from './write-throttler.guard';
import { WriteRoutes } from '../common/write-routes.decorator';
import { wireRef } from '../openapi/wire-schema';

/** Console sign-in. The session travels in an httpOnly, SameSite=Strict cookie (Secure over TLS). */
@ApiTags('auth')
@WriteRoutes()
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionService) {}

  @Post('login')
  @Access('public')
  @SignInAttempts()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in to the console',
    description:
      'Sets the session cookie (httpOnly, SameSite=Strict, Secure over TLS); the answer carries the `csrfToken` every console write sends as `X-CSRF-Token`.',
  })
  @ApiBody({
    type: LoginDto,
    examples: {
      admin: { summary: 'The first console admin', value: { username: 'admin', password: 'the password printed at first start' } },
    },
  })
  @ApiOkResponse({
    schema: wireRef('SessionInfo'),
    headers: {
      'Set-Cookie': {
        description: `The session: \`${SESSION_COOKIE}=...; Path=/; HttpOnly; SameSite=Strict\``,
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrorResponse(401, '`invalid_credentials`: wrong username or password')
  @ApiErrorResponse(
    429,
    '`too_many_requests`: too many sign-in attempts from this address, or failed ones for this username (see `Retry-After`)',
  )
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionInfo> {
    const { cookie, session } = await this.sessions.login(body.username, body.password);
    res.cookie(SESSION_COOKIE, cookie, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      expires: new Date(session.expiresAt),
    });
    return session;
  }

  @Post('logout')
  @Access('public')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session of the cookie sent, if any, and clears the cookie.' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) await this.sessions.logout(cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The current session (and its CSRF token), for a console page that was reloaded. */
  @Get('session')
  @Access('public')
  @ApiOperation({
    summary: 'The current session and its CSRF token',
    description: 'Always 200: `{ "signedIn": false }` without a session cookie, or with one that expired.',
  })
  @ApiOkResponse({ schema: wireRef('SessionState') })
  async session(@Req() req: Request): Promise<SessionState> {
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    return session ? { signedIn: true, ...session } : { signedIn: false };
  }
}
