import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const province = searchParams.get('province');

    const schools = await prisma.pilotSchool.findMany({
      where: province ? { province } : {},
      include: {
        _count: {
          select: { students: true, users: true, classes: true },
        },
      },
      orderBy: [{ province: 'asc' }, { school_name: 'asc' }, { id: 'asc' }],
    });

    return Response.json({ schools });
  } catch (error) {
    console.error('Error fetching schools:', error);
    return Response.json({ error: 'Failed to fetch schools' }, { status: 500 });
  }
}

export async function DELETE(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const id = searchParams.get('id');
    if (!id) {
      return Response.json({ error: 'School id is required' }, { status: 400 });
    }

    // A school can only be closed once nobody active is attached to it
    const studentsCount = await prisma.student.count({
      where: { pilot_school_id: parseInt(id), is_active: true },
    });
    const usersCount = await prisma.user.count({
      where: { pilot_school_id: parseInt(id), is_active: true },
    });

    if (studentsCount > 0 || usersCount > 0) {
      return Response.json(
        {
          error: `Cannot delete school: ${studentsCount} active students and ${usersCount} active users are assigned to it`,
        },
        { status: 400 }
      );
    }

    await prisma.pilotSchool.delete({
      where: { id: parseInt(id) },
    });

    return Response.json({ message: 'School deleted successfully' });
  } catch (error) {
    console.error('Error deleting school:', error);
    return Response.json({ error: 'Failed to delete school' }, { status: 500 });
  }
}
