import { prisma } from '../../../../lib/prisma';

// Looks schools up by code, as a form pasted with codes does: each code on its own, and a
// code without a school is reported as missing instead of failing the whole request.
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const codes = (searchParams.get('codes') ?? 'PS-001,PS-002,PS-404,PS-003,PS-099,PS-005')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code.length > 0);
  try {
    const outcomes = await Promise.allSettled(
      codes.map((code) =>
        prisma.pilotSchool.findFirstOrThrow({
          where: { school_code: code },
          select: { id: true, school_name: true, province: true },
        })
      )
    );
    const schools = outcomes.map((outcome, index) =>
      outcome.status === 'fulfilled'
        ? { code: codes[index], found: true, school: outcome.value }
        : { code: codes[index], found: false, school: null }
    );
    return Response.json({ schools });
  } catch (error) {
    console.error('Error looking up schools:', error);
    return Response.json({ error: 'Failed to look up schools' }, { status: 500 });
  }
}
