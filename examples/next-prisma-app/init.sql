-- Tables for prisma/schema.prisma, with the database names its @@map/@map give.
--
-- `prisma db push` and `prisma migrate` need Prisma's schema-engine binary, which cannot be downloaded here, and
-- Prisma 7's `migrate diff --script` prints nothing offline. This file was generated with Prisma 6.19.3
-- (`engine: "js"` + the pg adapter: `migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script`)
-- and reviewed against the schema. Change both together.
--
-- Apply with: psql -v ON_ERROR_STOP=1 -f init.sql "$DATABASE_URL"

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'coordinator', 'mentor', 'teacher', 'viewer');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "pilot_school_id" INTEGER,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pilot_schools" (
    "id" SERIAL NOT NULL,
    "school_name" TEXT NOT NULL,
    "school_code" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pilot_schools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_pilot_school_assignments" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "pilot_school_id" INTEGER NOT NULL,
    "assigned_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_pilot_school_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "students" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "is_temporary" BOOLEAN NOT NULL DEFAULT false,
    "pilot_school_id" INTEGER NOT NULL,
    "class_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "students_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessments" (
    "id" SERIAL NOT NULL,
    "student_id" INTEGER NOT NULL,
    "pilot_school_id" INTEGER NOT NULL,
    "added_by_id" INTEGER,
    "assessment_type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "level" TEXT,
    "assessment_date" TIMESTAMP(3) NOT NULL,
    "is_temporary" BOOLEAN NOT NULL DEFAULT false,
    "verified_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_visits" (
    "id" SERIAL NOT NULL,
    "mentor_id" INTEGER NOT NULL,
    "pilot_school_id" INTEGER NOT NULL,
    "visit_date" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'completed',
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentoring_visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "classes" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "school_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "classes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_pilot_school_id_idx" ON "users"("pilot_school_id");

-- CreateIndex
CREATE INDEX "users_role_idx" ON "users"("role");

-- CreateIndex
CREATE UNIQUE INDEX "pilot_schools_school_code_key" ON "pilot_schools"("school_code");

-- CreateIndex
CREATE INDEX "user_pilot_school_assignments_pilot_school_id_idx" ON "user_pilot_school_assignments"("pilot_school_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_pilot_school_assignments_user_id_pilot_school_id_key" ON "user_pilot_school_assignments"("user_id", "pilot_school_id");

-- CreateIndex
CREATE INDEX "students_pilot_school_id_idx" ON "students"("pilot_school_id");

-- CreateIndex
CREATE INDEX "students_class_id_idx" ON "students"("class_id");

-- CreateIndex
CREATE INDEX "assessments_student_id_idx" ON "assessments"("student_id");

-- CreateIndex
CREATE INDEX "assessments_pilot_school_id_idx" ON "assessments"("pilot_school_id");

-- CreateIndex
CREATE INDEX "assessments_subject_level_idx" ON "assessments"("subject", "level");

-- CreateIndex
CREATE INDEX "assessments_assessment_date_idx" ON "assessments"("assessment_date");

-- CreateIndex
CREATE INDEX "mentoring_visits_mentor_id_idx" ON "mentoring_visits"("mentor_id");

-- CreateIndex
CREATE INDEX "mentoring_visits_pilot_school_id_idx" ON "mentoring_visits"("pilot_school_id");

-- CreateIndex
CREATE INDEX "classes_school_id_idx" ON "classes"("school_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_pilot_school_id_fkey" FOREIGN KEY ("pilot_school_id") REFERENCES "pilot_schools"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_pilot_school_assignments" ADD CONSTRAINT "user_pilot_school_assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_pilot_school_assignments" ADD CONSTRAINT "user_pilot_school_assignments_pilot_school_id_fkey" FOREIGN KEY ("pilot_school_id") REFERENCES "pilot_schools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "students" ADD CONSTRAINT "students_pilot_school_id_fkey" FOREIGN KEY ("pilot_school_id") REFERENCES "pilot_schools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "students" ADD CONSTRAINT "students_class_id_fkey" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_pilot_school_id_fkey" FOREIGN KEY ("pilot_school_id") REFERENCES "pilot_schools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_visits" ADD CONSTRAINT "mentoring_visits_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_visits" ADD CONSTRAINT "mentoring_visits_pilot_school_id_fkey" FOREIGN KEY ("pilot_school_id") REFERENCES "pilot_schools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classes" ADD CONSTRAINT "classes_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "pilot_schools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

