CREATE TABLE `pairing_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`device_id` text NOT NULL,
	`public_key` text NOT NULL,
	`status` text NOT NULL,
	`transfer` text,
	`answered_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairing_requests_account` ON `pairing_requests` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `pairing_requests_device` ON `pairing_requests` (`device_id`);--> statement-breakpoint
CREATE INDEX `pairing_requests_expiry` ON `pairing_requests` (`expires_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `persistent` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `vaults` ADD `key_id` text;