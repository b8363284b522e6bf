export * from './users';
export { findTeam as getTeam } from './teams';
