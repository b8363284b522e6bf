// Demo data for the dashboards: `DATABASE_URL=... npx tsx seed.ts` on an empty database (init.sql).
//
// Deterministic: a fixed-seed generator, and every date counted back from "today" (lib/clock:
// POOLFIX_NOW pins it), so the same POOLFIX_NOW always gives the same rows and ids. Assessments
// span the last nine months, so the six-month trends on the reports dashboard never see all of them.
import type { Role } from './generated/prisma/client';
import { now } from './lib/clock';
import { pool } from './lib/pool';
import { prisma } from './lib/prisma';

const DAY_MS = 24 * 60 * 60 * 1000;
const today = now();

function daysAgo(days: number, hour = 8): Date {
  const date = new Date(today.getTime() - days * DAY_MS);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
}

// mulberry32: small, fast, and the same sequence on every machine
function createRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(20251010);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

// `comprehension2` is never reached, so the public chart has an empty bar.
const KHMER_LEVELS = ['beginner', 'letter', 'word', 'paragraph', 'story', 'comprehension1'];
const MATH_LEVELS = ['beginner', 'number_1digit', 'number_2digit', 'subtraction', 'division', 'word_problem'];
const CYCLES = [
  { assessment_type: 'baseline', daysAgo: 250 },
  { assessment_type: 'midline', daysAgo: 140 },
  { assessment_type: 'endline', daysAgo: 25 },
];

const PROVINCES = ['Battambang', 'Kampong Cham'];
const SCHOOL_NAMES = [
  'Wat Kandal', 'Phum Thmey', 'Prey Chhor', 'Ou Ta Ki', 'Chrey Thom', 'Svay Por',
  'Kor Koh', 'Boeung Snuol', 'Anlong Vil', 'Tuol Ta Ek', 'Prek Preah Sdach', 'Chamkar Samraong',
];
const FIRST_NAMES = ['Sok', 'Dara', 'Sophea', 'Vannak', 'Chenda', 'Rithy', 'Bopha', 'Piseth', 'Sreymom', 'Kosal', 'Malis', 'Visal'];
const FAMILY_NAMES = ['Chan', 'Kim', 'Heng', 'Long', 'Mao', 'Noun', 'Phan', 'Sam', 'Touch', 'Yem'];

function schoolData() {
  const schools = SCHOOL_NAMES.map((name, index) => ({
    id: index + 1,
    school_name: `${name} Primary School`,
    school_code: `PS-${String(index + 1).padStart(3, '0')}`,
    province: PROVINCES[index % PROVINCES.length],
    district: `${name} District`,
    created_at: daysAgo(400 - index),
  }));
  // Joined the pilot and left it again before any data was entered: the school that can be deleted.
  schools.push({
    id: schools.length + 1,
    school_name: 'Kouk Khmum Primary School',
    school_code: 'PS-099',
    province: 'Battambang',
    district: 'Kouk Khmum District',
    created_at: daysAgo(300),
  });
  return schools;
}

const ACTIVE_SCHOOL_IDS = SCHOOL_NAMES.map((_, index) => index + 1);

function userData() {
  const users: {
    id: number; name: string; email: string; role: Role;
    is_active: boolean; pilot_school_id: number | null; lastLoginAt: Date | null; created_at: Date; updated_at: Date;
  }[] = [];
  const add = (role: Role, pilotSchoolId: number | null) => {
    const id = users.length + 1;
    users.push({
      id,
      name: `${pick(FIRST_NAMES)} ${pick(FAMILY_NAMES)}`,
      email: `${role}${id}@tarl.example.org`,
      role,
      is_active: id % 9 !== 0,
      pilot_school_id: pilotSchoolId,
      lastLoginAt: id % 4 === 0 ? null : daysAgo(id % 30, 7 + (id % 10)),
      created_at: daysAgo(380 - id * 3),
      updated_at: daysAgo((id * 7) % 60, 9 + (id % 8)),
    });
  };

  add('admin', null);
  add('admin', null);
  add('coordinator', 1);
  add('coordinator', 7);
  for (let mentor = 0; mentor < 6; mentor++) add('mentor', ACTIVE_SCHOOL_IDS[mentor * 2]);
  for (const schoolId of ACTIVE_SCHOOL_IDS) {
    add('teacher', schoolId);
    add('teacher', schoolId);
  }
  for (let viewer = 0; viewer < 6; viewer++) add('viewer', null);
  return users;
}

function assignmentData(users: ReturnType<typeof userData>) {
  const assignments: { user_id: number; pilot_school_id: number; assigned_at: Date }[] = [];
  const assign = (userId: number, schoolIds: number[]) => {
    schoolIds.forEach((schoolId, index) =>
      assignments.push({ user_id: userId, pilot_school_id: schoolId, assigned_at: daysAgo(360 - index * 11) }));
  };

  // The province coordinator oversees every school in the pilot.
  assign(3, ACTIVE_SCHOOL_IDS);
  assign(4, ACTIVE_SCHOOL_IDS.filter((id) => id % 2 === 0));
  // Each mentor covers the school they sit in and the next two.
  const schoolCount = ACTIVE_SCHOOL_IDS.length;
  users.filter((user) => user.role === 'mentor').forEach((mentor) => {
    const home = mentor.pilot_school_id ?? 1;
    assign(mentor.id, [home, (home % schoolCount) + 1, ((home + 1) % schoolCount) + 1]);
  });
  return assignments.map((assignment, index) => ({ id: index + 1, ...assignment }));
}

function classData() {
  return ACTIVE_SCHOOL_IDS.flatMap((schoolId) => [
    { id: schoolId * 2 - 1, name: '4A', grade: 4, school_id: schoolId, created_at: daysAgo(390) },
    { id: schoolId * 2, name: '5A', grade: 5, school_id: schoolId, created_at: daysAgo(390) },
  ]);
}

function studentData() {
  const students: {
    id: number; name: string; gender: string; grade: number; is_active: boolean; is_temporary: boolean;
    pilot_school_id: number; class_id: number | null; created_at: Date;
  }[] = [];
  for (const schoolId of ACTIVE_SCHOOL_IDS) {
    // The first two schools are large: 16 children in their grade 4 class (2 not placed yet).
    const size = schoolId <= 2 ? 30 : 10;
    for (let n = 0; n < size; n++) {
      const id = students.length + 1;
      const grade = n < size * 0.6 ? 4 : 5;
      students.push({
        id,
        name: `${pick(FIRST_NAMES)} ${pick(FAMILY_NAMES)}`,
        gender: random() < 0.5 ? 'female' : 'male',
        grade,
        is_active: id % 17 !== 0,
        is_temporary: id % 11 === 0,
        pilot_school_id: schoolId,
        // A few children have not been placed in a class yet.
        class_id: n % 8 === 7 ? null : schoolId * 2 - (grade === 4 ? 1 : 0),
        created_at: daysAgo(300 - n),
      });
    }
  }
  return students;
}

function assessmentData(students: ReturnType<typeof studentData>, users: ReturnType<typeof userData>) {
  const teachersBySchool = new Map<number, number[]>();
  for (const user of users.filter((u) => u.role === 'teacher')) {
    const schoolId = user.pilot_school_id!;
    teachersBySchool.set(schoolId, [...(teachersBySchool.get(schoolId) ?? []), user.id]);
  }
  const mentorBySchool = new Map<number, number>();
  for (const user of users.filter((u) => u.role === 'mentor')) {
    mentorBySchool.set(user.pilot_school_id!, user.id);
  }

  const assessments: {
    id: number; student_id: number; pilot_school_id: number; added_by_id: number | null; assessment_type: string;
    subject: string; level: string | null; assessed_date: Date; is_temporary: boolean; verified_at: Date | null;
    created_at: Date;
  }[] = [];
  const add = (student: (typeof students)[number], assessmentType: string, subject: string, days: number, addedBy: number | null) => {
    const id = assessments.length + 1;
    const assessedDate = daysAgo(days, 8 + (id % 6));
    assessments.push({
      id,
      student_id: student.id,
      pilot_school_id: student.pilot_school_id,
      added_by_id: id % 15 === 0 ? null : addedBy,
      assessment_type: assessmentType,
      subject,
      // Some assessors save the form before recording the level.
      level: id % 13 === 0 ? null : pick(subject === 'khmer' ? KHMER_LEVELS : MATH_LEVELS),
      assessed_date: assessedDate,
      is_temporary: student.is_temporary,
      verified_at: days > 60 ? daysAgo(days - 5) : null,
      created_at: new Date(assessedDate.getTime() + ((id * 37) % 240) * 60_000),
    });
  };

  for (const student of students) {
    const teachers = teachersBySchool.get(student.pilot_school_id) ?? [];
    const mentor = mentorBySchool.get(student.pilot_school_id) ?? teachers[0];
    for (const cycle of CYCLES) {
      for (const subject of ['khmer', 'math']) {
        const addedBy = cycle.assessment_type === 'midline' ? mentor : pick(teachers);
        add(student, cycle.assessment_type, subject, cycle.daysAgo + (student.id % 9), addedBy);
      }
    }
    // Grade 4 of the first school is in the intensive pilot: a check every 8 days, alternating
    // subjects, filed under the cycle it falls in.
    if (student.class_id === 1) {
      for (let days = 262; days > 0; days -= 8) {
        const cycle = CYCLES.find((c) => days >= c.daysAgo - 60) ?? CYCLES[CYCLES.length - 1];
        add(student, cycle.assessment_type, days % 16 === 6 ? 'math' : 'khmer', days, pick(teachers));
      }
    }
  }
  return assessments;
}

function mentoringVisitData(assignments: ReturnType<typeof assignmentData>, users: ReturnType<typeof userData>) {
  const mentorIds = new Set(users.filter((user) => user.role === 'mentor').map((user) => user.id));
  const visits = assignments
    .filter((assignment) => mentorIds.has(assignment.user_id))
    .flatMap((assignment) =>
      Array.from({ length: 9 }, (_, month) => ({
        mentor_id: assignment.user_id,
        pilot_school_id: assignment.pilot_school_id,
        visit_date: daysAgo(month * 30 + assignment.pilot_school_id, 9),
        status: month === 0 && assignment.pilot_school_id % 3 === 0 ? 'scheduled' : 'completed',
        notes: random() < 0.3 ? 'Reviewed the grouping by level with the teacher.' : null,
        created_at: daysAgo(month * 30 + assignment.pilot_school_id, 17), // written up that evening
      })));
  return visits.map((visit, index) => ({ id: index + 1, ...visit }));
}

// Rows were inserted with explicit ids: move each id sequence past them.
async function resetSequences() {
  for (const table of ['pilot_schools', 'users', 'user_pilot_school_assignments', 'classes', 'students', 'assessments', 'mentoring_visits']) {
    await prisma.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX(id) FROM "${table}"))`
    );
  }
}

async function main() {
  const schools = schoolData();
  const users = userData();
  const assignments = assignmentData(users);
  const classes = classData();
  const students = studentData();
  const assessments = assessmentData(students, users);
  const visits = mentoringVisitData(assignments, users);

  await prisma.pilotSchool.createMany({ data: schools });
  await prisma.user.createMany({ data: users });
  await prisma.userPilotSchoolAssignment.createMany({ data: assignments });
  await prisma.schoolClass.createMany({ data: classes });
  await prisma.student.createMany({ data: students });
  await prisma.assessment.createMany({ data: assessments });
  await prisma.mentoringVisit.createMany({ data: visits });
  await resetSequences();

  console.log(
    `seeded ${schools.length} schools, ${users.length} users, ${assignments.length} school assignments, ` +
      `${classes.length} classes, ${students.length} students, ${assessments.length} assessments, ` +
      `${visits.length} mentoring visits (today = ${today.toISOString()})`
  );
}

main()
  .finally(async () => {
    await prisma.$disconnect();
    await pool.end();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
