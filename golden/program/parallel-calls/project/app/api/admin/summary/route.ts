import { countComments, countProjects, countTasks, countTeams, countUsers } from '../../../../lib/counts';

export async function GET() {
  const [users, teams, projects, tasks, comments] = await Promise.all([
    countUsers(),
    countTeams(),
    countProjects(),
    countTasks(),
    countComments(),
  ]);
  return Response.json({ users, teams, projects, tasks, comments });
}
