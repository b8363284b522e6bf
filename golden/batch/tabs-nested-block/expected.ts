export async function GET(request: Request) {
	if (request.headers.get('x-full') === '1') {
		for (const attempt of [1, 2]) {
			try {
				const [a, b, c] = await Promise.all([
					prisma.student.count(),
					prisma.assessment.count(),
					prisma.pilotSchool.count(),
				]);
				const [d, e] = await Promise.all([
					prisma.user.count(),
					prisma.mentoringVisit.count(),
				]);
				return Response.json({ a, b, c, d, e, attempt });
			} catch {
				continue;
			}
		}
	}
	return Response.json({});
}
