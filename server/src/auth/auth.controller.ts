import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionInfo } from '#shared/auth';
import { notFound } from '../common/api-exception';
import { Access } from './access.decorator';
import { readCookie, SESSION_COOKIE } from './cookies';
import { LoginDto } from './dto/login.dto';
import { SessionService } from './session.service';

/** Console sign-in. The session travels in an httpOnly, SameSite=Strict cookie (Secure over TLS). */
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionService) {}

  @Post('login')
  @Access('public')
  @HttpCode(200)
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
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) await this.sessions.logout(cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The current session (and its CSRF token), for a console page that was reloaded. */
  @Get('session')
  @Access('public')
  async session(@Req() req: Request): Promise<SessionInfo> {
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie ? await this.sessions.find(cookie) : null;
    if (!session) throw notFound('Session', 'current');
    return session;
  }
}
