CREATE TYPE "public"."commitment_link" AS ENUM('item', 'area', 'priority', 'indicator');--> statement-breakpoint
CREATE TYPE "public"."commitment_status" AS ENUM('planned', 'in_progress', 'done', 'declined');--> statement-breakpoint
CREATE TYPE "public"."priority_rule" AS ENUM('approval', 'budget');--> statement-breakpoint
CREATE TABLE "commitment_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_email" text NOT NULL,
	"status" "commitment_status" NOT NULL,
	"progress" smallint NOT NULL,
	"note" jsonb,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_id" integer NOT NULL,
	"wave_id" integer NOT NULL,
	"link_kind" "commitment_link" NOT NULL,
	"item_id" text,
	"area_id" text,
	"priority_id" integer,
	"indicator_id" integer,
	"heard" jsonb NOT NULL,
	"action" jsonb NOT NULL,
	"responsible_body" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"status" "commitment_status" DEFAULT 'planned' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"decline_reason" jsonb,
	"evidence_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priorities" (
	"id" serial PRIMARY KEY NOT NULL,
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"cost" integer,
	"area_id" text,
	"item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_ballots" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"choices" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_elections" (
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"rule" "priority_rule" DEFAULT 'approval' NOT NULL,
	"max_choices" smallint,
	"budget" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_elections_wave_id_town_id_pk" PRIMARY KEY("wave_id","town_id")
);
--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_priority_id_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."priorities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_wave_id_town_id_priority_elections_wave_id_town_id_fk" FOREIGN KEY ("wave_id","town_id") REFERENCES "public"."priority_elections"("wave_id","town_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_ballots" ADD CONSTRAINT "priority_ballots_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_elections" ADD CONSTRAINT "priority_elections_wave_id_town_id_wave_towns_wave_id_town_id_fk" FOREIGN KEY ("wave_id","town_id") REFERENCES "public"."wave_towns"("wave_id","town_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_updates_commitment" ON "commitment_updates" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitments_town" ON "commitments" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "priorities_wave_town" ON "priorities" USING btree ("wave_id","town_id");--> statement-breakpoint
CREATE FUNCTION "commitment_updates_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'commitment_updates is append-only' USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "commitment_updates_no_change" BEFORE UPDATE OR DELETE ON "commitment_updates"
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION "commitment_updates_append_only"();
