import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

@Injectable()
export class UsersService {
  constructor(private readonly prisma: PrismaService) {}

  async profile(id: number) {
    const user = await this.prisma.user.findUnique({ where: { id } });
    const posts = await this.recentPosts(id);
    return { user, posts };
  }

  touch(id: number) {
    return this.prisma.user.update({ where: { id }, data: { seenAt: new Date() } });
  }

  private recentPosts(userId: number) {
    return this.prisma.post.findMany({ where: { userId }, take: 5 });
  }
}
