CREATE TABLE "town_response_counts" (
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"responses" integer NOT NULL,
	"demo_responses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "town_response_counts_wave_id_town_id_shard_pk" PRIMARY KEY("wave_id","town_id","shard")
);
--> statement-breakpoint
ALTER TABLE "answer_counts" DROP CONSTRAINT "answer_counts_wave_id_town_id_item_id_value_pk";--> statement-breakpoint
ALTER TABLE "answer_counts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_counts" ADD CONSTRAINT "answer_counts_wave_id_town_id_item_id_value_shard_pk" PRIMARY KEY("wave_id","town_id","item_id","value","shard");--> statement-breakpoint
ALTER TABLE "town_response_counts" ADD CONSTRAINT "town_response_counts_wave_id_town_id_wave_towns_wave_id_town_id_fk" FOREIGN KEY ("wave_id","town_id") REFERENCES "public"."wave_towns"("wave_id","town_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Counts kept so far move to shard 0 of the new table.
INSERT INTO "town_response_counts" ("wave_id", "town_id", "shard", "responses", "demo_responses") SELECT "wave_id", "town_id", 0, "responses", "demo_responses" FROM "wave_towns" WHERE "responses" > 0;--> statement-breakpoint
ALTER TABLE "wave_towns" DROP COLUMN "responses";--> statement-breakpoint
ALTER TABLE "wave_towns" DROP COLUMN "demo_responses";