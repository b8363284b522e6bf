import { getLatestAssessments, listStudents } from '../../../../lib/student-service';

// Student list with each student's latest level per subject, for the class overview.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const schoolId = searchParams.get('school_id');
    const classId = searchParams.get('class_id');

    const { students, total, pageSize } = await listStudents({
      schoolId: schoolId ? parseInt(schoolId) : undefined,
      classId: classId ? parseInt(classId) : undefined,
      page: parseInt(searchParams.get('page') || '1'),
      limit: parseInt(searchParams.get('limit') || '20'),
    });
    const latest = await getLatestAssessments(students.map((student) => student.id));

    return Response.json({
      students: students.map((student) => ({
        ...student,
        latest: latest.filter((assessment) => assessment.student_id === student.id),
      })),
      total,
      pageSize,
    });
  } catch (error) {
    console.error('Error fetching enriched students:', error);
    return Response.json({ error: 'Failed to fetch students' }, { status: 500 });
  }
}
