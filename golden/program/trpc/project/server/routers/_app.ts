import { mergeRouters, router } from '../trpc';
import { comments } from './comments';
import { postRouter } from './post';

export const appRouter = mergeRouters(
  router({ post: postRouter }),
  router({ comments }),
);
