import { Controller, Get, Param, Post } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.users.profile(Number(id));
  }

  @Post(':id/touch')
  touch(@Param('id') id: string) {
    return this.users.touch(Number(id));
  }
}
