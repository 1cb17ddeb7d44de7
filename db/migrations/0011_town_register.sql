CREATE TABLE "town_aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_id" integer NOT NULL,
	"locale" text,
	"alias" text NOT NULL,
	"normalised" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "town_aliases_normalised_unique" UNIQUE("normalised")
);
--> statement-breakpoint
ALTER TABLE "towns" ADD COLUMN "kato" text;--> statement-breakpoint
ALTER TABLE "towns" ADD COLUMN "former" smallint;--> statement-breakpoint
ALTER TABLE "town_aliases" ADD CONSTRAINT "town_aliases_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "towns" ADD CONSTRAINT "towns_kato_unique" UNIQUE("kato");